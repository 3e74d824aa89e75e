/** The Docker image runs the server with npm start's node flags, which bound its memory (docs/operations.md, Memory). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('the Docker image starts node with the flags of npm start', () => {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const startFlags = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.js\b/.exec(start)?.[1].trim().split(/\s+/);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
  const [node, ...args] = JSON.parse(cmd ?? '[]') as string[];
  expect(node).toBe('node');
  expect(args).toEqual([...(startFlags ?? []), 'dist/server/main.js']);
  expect(startFlags?.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
});
