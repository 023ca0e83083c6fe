// A spreadsheet runs a cell starting with = + - @ (or their full-width forms), tab or CR as a formula. Exported cells
// that start so get a leading ' (the spreadsheet's "this is text" mark), and so do cells that start with ' already:
// the guard is then always undone exactly on import ('-info@example.com → -info@example.com, ''x@… → 'x@…).

const GUARDED = /^[=+\-@\t\r'\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as written to an exported CSV file. */
export function guardCell(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

/** The value of a cell read from a CSV file: the export's guard removed. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && GUARDED.test(cell.slice(1)) ? cell.slice(1) : cell;
}
