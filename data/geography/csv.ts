// A small CSV reader for the ONS lookups (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
export interface CsvTable {
  readonly name: string;
  readonly header: readonly string[];
  /** Data rows with their line numbers in the file (the header is line 1). */
  readonly rows: readonly { line: number; cells: readonly string[] }[];
}

export function parseCsv(name: string, text: string): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`${name}: a quoted field is not closed`);
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new Error(`${name}: the file is empty`);
  const rows = body
    .map((cells, index) => ({ line: index + 2, cells: cells.map((cell) => cell.trim()) }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  return { name, header: header.map((cell) => cell.trim()), rows };
}

/**
 * The index of the one column whose name matches, ignoring case; a clear error when there is
 * none or more than one. `described` says what was looked for ("LADyyCD").
 */
export function columnIndex(table: CsvTable, pattern: RegExp, described: string): number {
  const matches = table.header.flatMap((name, index) => (pattern.test(name) ? [index] : []));
  if (matches.length !== 1) {
    const problem = matches.length === 0 ? 'has no' : 'has more than one';
    throw new Error(`${table.name}: ${problem} ${described} column (columns: ${table.header.join(', ')})`);
  }
  return matches[0] as number;
}

/** Reads named columns from every row, with the line number, failing on an empty cell. */
export function readColumns<K extends string>(
  table: CsvTable,
  columns: Record<K, { pattern: RegExp; described: string }>,
): ({ line: number } & Record<K, string>)[] {
  const indexes = Object.entries(columns).map(([key, column]) => {
    const { pattern, described } = column as { pattern: RegExp; described: string };
    return [key, columnIndex(table, pattern, described), described] as const;
  });
  return table.rows.map(({ line, cells }) => {
    const row: Record<string, string | number> = { line };
    for (const [key, index, described] of indexes) {
      const value = cells[index] ?? '';
      if (value === '') throw new Error(`${table.name} line ${line}: ${described} is empty`);
      row[key] = value;
    }
    return row as { line: number } & Record<K, string>;
  });
}
