// The baseline for bench/simulate: read every ticket file under a folder and JSON.parse it, nothing else.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let tickets = 0;
for (const name of fs.readdirSync(dir).sort()) {
  if (!name.endsWith('.json')) continue;
  const page = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  tickets += page.tickets.length;
}
console.log(`${tickets} tickets parsed`);
