import { ResponseFormatError } from './errors';

/**
 * RFC 4180 CSV (quoted fields, "" inside quotes, CRLF or LF, an optional UTF-8 BOM) → a header and its records, each
 * record a map by header name. A record whose width differs from the header's, or an open quote at the end, is a
 * malformed body: a shifted column would put revenue where installs belong.
 */
export function parseCsv(text: string): { header: string[]; records: Array<Map<string, string>> } {
  const lines = csvRows(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const [header, ...rest] = lines;
  if (!header || (header.length === 1 && header[0] === ''))
    throw new ResponseFormatError('(body)', 'empty CSV, no header');
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new ResponseFormatError('(header)', `column ${JSON.stringify(name)} appears twice`);
    seen.add(name);
  }
  const records = rest
    .filter((cells) => !(cells.length === 1 && cells[0] === ''))
    .map((cells, i) => {
      if (cells.length !== header.length) {
        throw new ResponseFormatError(`row ${i + 1}`, `has ${cells.length} fields, the header has ${header.length}`);
      }
      return new Map(header.map((name, j) => [name, cells[j] ?? '']));
    });
  return { header, records };
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new ResponseFormatError('(body)', 'a quoted CSV field is never closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
