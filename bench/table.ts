// The result table: one row per mode and route, plain text, columns aligned.

export interface TableRow {
  mode: string;
  route: string;
  request: string;
  requestsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  serverP50Ms?: number;
  serverP99Ms?: number;
  non2xx?: number;
  errors?: number;
  /** requests/s divided by the ceiling's requests/s in the same mode and run. */
  ratioToCeiling?: number;
  /** Why the row has no figures. */
  failure?: string;
}

const COLUMNS: ReadonlyArray<{ title: string; right: boolean; cell: (row: TableRow) => string }> = [
  { title: 'mode', right: false, cell: (row) => row.mode },
  { title: 'route', right: false, cell: (row) => row.route },
  { title: 'request', right: false, cell: (row) => row.request },
  { title: 'req/s', right: true, cell: (row) => fixed(row.requestsPerSecond, 0) },
  { title: 'p50 ms', right: true, cell: (row) => fixed(row.p50Ms, 2) },
  { title: 'p99 ms', right: true, cell: (row) => fixed(row.p99Ms, 2) },
  { title: 'server p50', right: true, cell: (row) => fixed(row.serverP50Ms, 2) },
  { title: 'server p99', right: true, cell: (row) => fixed(row.serverP99Ms, 2) },
  { title: 'non-2xx', right: true, cell: (row) => fixed(row.non2xx, 0) },
  { title: 'errors', right: true, cell: (row) => fixed(row.errors, 0) },
  {
    title: 'vs ceiling',
    right: true,
    cell: (row) => (row.failure !== undefined ? `FAILED` : row.ratioToCeiling === undefined ? '-' : `${row.ratioToCeiling.toFixed(2)}x`),
  },
];

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

export function formatTable(rows: readonly TableRow[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.cell(row)));
  const widths = COLUMNS.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (COLUMNS[i]?.right ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(COLUMNS.map((column) => column.title)), rule, ...cells.map(line)].join('\n');
}
