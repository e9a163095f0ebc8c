// Runs `npm run build` unless dist/ was built from exactly the current inputs (sources, HTML,
// configuration, lock file, and the API's schema files through the generated types).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['src', 'public', 'index.html', 'graphiql.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
const stampFile = join(root, 'node_modules', '.cache', 'citygraph-build.sha256');

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) {
    return [];
  }
  if (statSync(full).isDirectory()) {
    return readdirSync(full).sort().flatMap((name) => files(join(path, name)));
  }
  return [path];
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files)) {
  hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
}
const digest = hash.digest('hex');
const built = existsSync(join(root, 'dist', 'index.html')) && existsSync(stampFile)
  && readFileSync(stampFile, 'utf8').trim() === digest;
if (built) {
  console.log('web-client: dist/ is up to date, build skipped');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${digest}\n`);
}
