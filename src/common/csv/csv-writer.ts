/** One CSV writer for every export: RFC 4180 quoting, CRLF line ends, a header row first. */
export type CsvCell = string | number | null | undefined;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(cell: CsvCell): string {
  if (cell === null || cell === undefined) {
    return '';
  }
  const text = String(cell);
  // Spreadsheet apps run cells starting with = + - @ as formulas: neutralise them.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
