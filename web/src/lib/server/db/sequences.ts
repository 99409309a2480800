/** Series name -> PostgreSQL sequence name (document and transaction number series). */
export function sequenceName(series: string): string {
  return `doc_number_${series.toLowerCase()}_seq`;
}
