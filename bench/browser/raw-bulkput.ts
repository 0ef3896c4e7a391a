// The peer of the product's import: a plain Dexie `bulkPut` of the rows the import stores
// (every fact sheet and user of the file as one row each, plus the workspace row), in one
// transaction, into a fresh database of the page's origin. Bundled as a script by
// bench/browser/measures.ts and evaluated in an extension page; nothing of src/ runs.
// `globalThis.__rawBulkPut(text)` parses the file (not timed), builds the rows (not timed)
// and answers `{ rows, ms }`: the transaction from its start to its commit.
import Dexie from 'dexie';

interface FileShape {
  readonly name: string;
  readonly factSheets: readonly Record<string, unknown>[];
  readonly users: readonly Record<string, unknown>[];
}

async function rawBulkPut(text: string): Promise<{ rows: number; ms: number }> {
  const file = JSON.parse(text) as FileShape;
  const workspaceId = 'ws-raw';
  const rows: Record<string, unknown>[] = [
    ...file.factSheets.map((f) => ({ ...f, workspaceId, id: `fs:${String(f.id)}` })),
    ...file.users.map((u) => ({ ...u, workspaceId, id: `user:${String(u.id)}` })),
    { workspaceId, id: 'workspace', name: file.name },
  ];
  const name = `bench-raw-bulkput-${Math.random().toString(36).slice(2)}`;
  const db = new Dexie(name, { cache: 'disabled' });
  db.version(1).stores({ rows: '[workspaceId+id]' });
  await db.open();
  const table = db.table('rows');
  const t0 = performance.now();
  await db.transaction('rw', table, () => table.bulkPut(rows));
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(name);
  return { rows: rows.length, ms };
}

(globalThis as { __rawBulkPut?: typeof rawBulkPut }).__rawBulkPut = rawBulkPut;
