/**
 * Who gets a sheet of a paper printed at the counter: the customer, and the dealer's file.
 * One job prints them all: the agent marks its first sheet ORIGINAL (unless the paper was
 * already printed) and every other sheet COPIE / COPY (docs/printing.md, "ORIGINAL or COPY"),
 * so the customer's sheet comes first.
 */
export interface PaperCopies {
  customer: boolean;
  dealerFile: boolean;
}

/**
 * The choice offered first: the customer's sheet; the dealer's file is one tick away (one
 * sheet by default, as printing was before the choice existed).
 */
export const DEFAULT_PAPER_COPIES: PaperCopies = { customer: true, dealerFile: false };

/**
 * How many sheets the job asks for; 0 when nobody was chosen (nothing to print).
 *
 * @example copiesToPrint({ customer: true, dealerFile: true }) // 2
 */
export function copiesToPrint(choice: PaperCopies): number {
  return Number(choice.customer) + Number(choice.dealerFile);
}
