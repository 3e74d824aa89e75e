/** The compose `observability` profile's files agree with the server: every metric and label its alerts and dashboard read exists on /metrics, and compose mounts and scrapes what they name. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startHarness, Harness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';
import { ROOT } from '../process/support';

const DIR = join(ROOT, 'deploy', 'observability');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'));
const prometheus = parse(read('deploy/observability/prometheus.yml'));
const alerts: { alert: string; expr: string }[] = parse(read('deploy/observability/alerts.yml')).groups.flatMap(
  (group: { rules: unknown[] }) => group.rules,
);
const dashboard = JSON.parse(read('deploy/observability/grafana/dashboards/wxcc.json'));
const panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string; datasource?: { uid: string } }[] }[] =
  dashboard.panels;
const datasources: { uid: string; type: string; url: string }[] = parse(
  read('deploy/observability/grafana/provisioning/datasources/datasources.yml'),
).datasources;

/** What the server exposes: each metric family's type and the labels (and their values) seen on its samples. */
interface Exposed {
  types: Map<string, string>;
  labels: Map<string, Map<string, Set<string>>>;
}

/** One series selector of a PromQL expression: the metric and its label matchers. */
interface Selector {
  metric: string;
  matchers: { label: string; value: string }[];
}

/** PromQL words that are not metric names where they stand without a parenthesis after them. */
const KEYWORDS = new Set(['or', 'and', 'unless', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset']);

/**
 * The series selectors and the grouping labels (by/without) of an expression: enough of PromQL for the expressions
 * written here, checked by promtool when it is at hand (docs/operations.md#observability-profile).
 */
function parsePromql(expr: string): { selectors: Selector[]; grouping: string[] } {
  const grouping: string[] = [];
  const rest = expr
    // Grafana's interval variables stand where a duration does.
    .replace(/\$__\w+/g, '5m')
    .replace(/\b(?:by|without)\s*\(([^)]*)\)/g, (_, labels: string) => {
      grouping.push(...labels.split(',').map((label) => label.trim()));
      return ' ';
    })
    .replace(/\[[^\]]*\]/g, ' ');
  const selectors: Selector[] = [];
  for (const [, metric, after, inner] of rest.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\(|\{([^}]*)\})?/g)) {
    if (after === '(' || KEYWORDS.has(metric)) continue;
    const matchers = [...(inner ?? '').matchAll(/(\w+)\s*(?:=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, label, value]) => ({
      label,
      value,
    }));
    selectors.push({ metric, matchers });
  }
  return { selectors, grouping };
}

/** The family a sample name belongs to: a histogram's _bucket, _sum and _count are its own. */
function familyOf(name: string, exposed: Exposed): string {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return exposed.types.get(base) === 'histogram' ? base : name;
}

let h: Harness;
let exposed: Exposed;

beforeAll(async () => {
  h = await startHarness();
  // Every labelled series the alerts and dashboard read gets a sample: requests, an email, an answered and a refused step.
  const { linkToken } = await bookOrder(h);
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  const refused = await wizard.step('SetCustomerCompany', { companyName: 'Acme', countryCode: 'ZZ' });
  expect(refused.userErrors[0].code).toBe('COUNTRY_NOT_SUPPORTED');

  // The harness's server answers /metrics to this machine (no METRICS_TOKEN).
  const response = await fetch(h.url.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  exposed = { types: new Map(), labels: new Map() };
  for (const line of (await response.text()).split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) exposed.types.set(type[1], type[2]);
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} \S+$/.exec(line);
    if (!sample) continue;
    const labels = exposed.labels.get(sample[1]) ?? new Map<string, Set<string>>();
    exposed.labels.set(sample[1], labels);
    for (const [, key, value] of sample[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels.set(key, (labels.get(key) ?? new Set()).add(value));
    }
  }
}, 60_000);
afterAll(() => h?.close());

const scrapeJob = () => prometheus.scrape_configs.find((job: { job_name: string }) => job.job_name === 'wxcc');

/** Every expression Prometheus or Grafana evaluates, with where it comes from. */
function expressions(): { where: string; expr: string }[] {
  return [
    ...alerts.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
    ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
  ];
}

/**
 * What is wrong with the selectors and grouping of one expression: a metric the server does not expose, a label its
 * series do not carry, or a `job` value that matches nothing. Prometheus adds `instance` and `job` (the scrape job's
 * name) to every series; with honor_labels the server's own `job` label (the scheduled job's) stays as it is.
 */
function problemsOf(expr: string): string[] {
  const { selectors, grouping } = parsePromql(expr);
  const problems: string[] = [];
  const targetLabels = ['instance', 'job'];
  const labelsOf = (metric: string) => new Set([...targetLabels, ...(exposed.labels.get(metric)?.keys() ?? [])]);
  for (const { metric, matchers } of selectors) {
    // `up` is Prometheus's own: whether the scrape of a replica succeeded.
    if (metric !== 'up' && !exposed.types.has(familyOf(metric, exposed))) problems.push(`no metric ${metric}`);
    for (const { label, value } of matchers) {
      if (!labelsOf(metric).has(label)) problems.push(`${metric} has no label ${label}`);
      if (label !== 'job') continue;
      const own = exposed.labels.get(metric)?.get('job');
      const jobs = own && scrapeJob().honor_labels ? own : new Set([scrapeJob().job_name]);
      if (!jobs.has(value)) problems.push(`${metric}{job="${value}"} matches nothing: job is one of ${[...jobs].join(', ')}`);
    }
  }
  for (const label of grouping) {
    if (!selectors.some(({ metric }) => labelsOf(metric).has(label))) problems.push(`no metric of the expression has label ${label}`);
  }
  return problems;
}

test('the parser finds what an expression reads', () => {
  expect(parsePromql('sum by (job) (increase(wxcc_jobs_run_total{job="sweep", x=~"a|b"}[$__rate_interval])) == 0 or absent(up)')).toEqual({
    selectors: [
      {
        metric: 'wxcc_jobs_run_total',
        matchers: [
          { label: 'job', value: 'sweep' },
          { label: 'x', value: 'a|b' },
        ],
      },
      { metric: 'up', matchers: [] },
    ],
    grouping: ['job'],
  });
  expect(problemsOf('sum by (step) (rate(wxcc_no_such_metric{code="X"}[5m]))')).toEqual([
    'no metric wxcc_no_such_metric',
    'wxcc_no_such_metric has no label code',
    'no metric of the expression has label step',
  ]);
  expect(problemsOf('wxcc_jobs_run_total{job="sweeep"}')[0]).toMatch(/matches nothing/);
});

test('every metric and label the alerts and the dashboard read is exposed by the server', () => {
  const evaluated = expressions();
  expect(evaluated.length).toBeGreaterThan(20);
  expect(evaluated.flatMap(({ where, expr }) => problemsOf(expr).map((problem) => `${where}: ${problem}`))).toEqual([]);
  // And the other way round: the dashboard shows every metric of our own.
  const shown = new Set(
    panels.flatMap((panel) => (panel.targets ?? []).flatMap((t) => parsePromql(t.expr).selectors.map((s) => familyOf(s.metric, exposed)))),
  );
  expect([...exposed.types.keys()].filter((name) => name.startsWith('wxcc_') && !shown.has(name))).toEqual([]);
});

test('the alerts the issue asks for are there', () => {
  expect(alerts.map((rule) => rule.alert)).toEqual(
    expect.arrayContaining(['WxccEmailsFailing', 'WxccOutboxBacklog', 'WxccSweepNotRunning', 'WxccFaultRate']),
  );
  expect(alerts.find((rule) => rule.alert === 'WxccOutboxBacklog')!.expr).toContain('> 900');
});

test('compose runs Prometheus, Grafana and Jaeger in the observability profile only, with the files that exist', () => {
  const services: Record<string, { profiles?: string[]; volumes?: string[]; environment?: Record<string, unknown> }> = compose.services;
  for (const name of ['prometheus', 'grafana', 'jaeger']) expect(services[name].profiles).toEqual(['observability']);
  for (const name of ['postgres', 'mail', 'server']) expect(services[name].profiles).toBeUndefined();
  const mounts = Object.values(services).flatMap((service) => service.volumes ?? []);
  const binds = mounts.filter((mount) => mount.startsWith('./')).map((mount) => mount.split(':'));
  expect(binds.length).toBeGreaterThanOrEqual(4);
  for (const [source] of binds) expect(existsSync(join(ROOT, source))).toBe(true);
  const mountedAt = (source: string) => binds.find(([from]) => join(ROOT, from) === join(DIR, source))?.[1];

  // Prometheus reads the mounted rules, and scrapes every replica of the server on its METRICS_PORT.
  expect(prometheus.rule_files).toEqual([mountedAt('alerts.yml')]);
  expect(mountedAt('prometheus.yml')).toBe('/etc/prometheus/prometheus.yml');
  const [discovery] = scrapeJob().dns_sd_configs;
  expect(discovery.names).toEqual(['server']);
  expect(String(discovery.port)).toBe(String(services.server.environment!.METRICS_PORT));

  // Grafana: the provider's path is where the dashboards are mounted, and every panel's data source is provisioned.
  const provider = parse(read('deploy/observability/grafana/provisioning/dashboards/dashboards.yml')).providers[0];
  expect(provider.options.path).toBe(mountedAt('grafana/dashboards'));
  expect(mountedAt('grafana/provisioning')).toBe('/etc/grafana/provisioning');
  const uids = new Set(datasources.map((source) => source.uid));
  for (const panel of panels.filter((p) => p.type !== 'row')) {
    for (const target of panel.targets ?? []) expect(uids.has((target.datasource ?? panel.datasource)!.uid)).toBe(true);
  }
  expect(datasources.find((source) => source.type === 'prometheus')!.url).toBe('http://prometheus:9090');
});
