// The `ipp` package ships no types; this declares the small part the IPP driver uses. Its
// answers are parsed with zod in ipp.driver.ts, so they are typed `unknown` here.
declare module 'ipp' {
  type IppCallback = (error: Error | null, response: unknown) => void;
  interface IppPrinter {
    execute(operation: string, message: Record<string, unknown>, callback: IppCallback): void;
  }
  interface Ipp {
    Printer(url: string, options?: { version?: string; uri?: string }): IppPrinter;
  }
  const ipp: Ipp;
  export default ipp;
}
