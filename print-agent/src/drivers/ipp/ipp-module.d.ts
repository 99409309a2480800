// The `ipp` package ships no types; this declares the small part the IPP driver uses. Its
// answers are parsed with zod in ipp.driver.ts, so they are typed `unknown` here.
declare module 'ipp' {
  type IppCallback = (error: Error | null, response: unknown) => void;
  interface IppPrinter {
    execute(operation: string, message: Record<string, unknown>, callback: IppCallback): void;
  }
  function Printer(url: string, options?: { version?: string; uri?: string }): IppPrinter;
  const ipp: { Printer: typeof Printer };
  export default ipp;
}
