/** The import rules of docs/architecture.md (.dependency-cruiser.cjs) hold for server/, and each rule catches what it names. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The rule violations dependency-cruiser finds in `dir`/server with the project's rules. */
function violations(dir: string): Violation[] {
  const out = execFileSync(
    DEPCRUISE,
    ['server', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', '--no-progress'],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  return JSON.parse(out).summary.violations;
}

test('server/ keeps the rules: no import circle, platform/ a leaf, features import down and only public modules', () => {
  expect(violations(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
}, 60_000);

test('each rule catches its own breach', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imports-'));
  try {
    cpSync(join(ROOT, 'server'), join(dir, 'server'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const breach = (path: string, text: string) => writeFileSync(join(dir, 'server', path), text);
    breach('platform/probe.ts', "import type { Order } from '../orders/order.entity';\nexport type P = Order;\n");
    breach('orgs/probe.ts', "import type { Order } from '../orders/order.entity';\nexport type P = Order;\n");
    breach('cases/probe.ts', "import { OrderResolver } from '../orders/order.resolver';\nexport const P = OrderResolver;\n");
    breach('audit/probe.ts', "import type { Services } from '../services';\nexport type P = Services;\n");
    breach('metrics/probe-a.ts', "import { b } from './probe-b';\nexport const a = () => b;\n");
    breach('metrics/probe-b.ts', "import { a } from './probe-a';\nexport const b = () => a;\n");

    const found = violations(dir).map((v) => `${v.rule.name}: ${v.from}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'platform-is-a-leaf: server/platform/probe.ts',
        'orgs-imports-only-features-below: server/orgs/probe.ts',
        'only-public-modules-of-other-features: server/cases/probe.ts',
        'features-below-composition: server/audit/probe.ts',
        'no-circular: server/metrics/probe-a.ts',
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
