import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterRoleRules, leaseRoleRules } from './rbac';
import { CHILD_RESOURCES } from './resources';

const REPO = resolve(__dirname, '../../..');
const DEPLOY = join(REPO, 'deploy/operator');

function docs(file: string): any[] {
  return parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map(d =>
    d.toJS(),
  );
}

describe('deploy/operator', () => {
  it('grants exactly the verbs and resources the operator calls (least privilege)', () => {
    const [clusterRole, role] = docs('rbac.yaml');
    expect(clusterRole.kind).toBe('ClusterRole');
    expect(clusterRole.rules).toEqual(clusterRoleRules());
    expect(role.kind).toBe('Role');
    expect(role.rules).toEqual(leaseRoleRules());
    // No wildcard anywhere, and no verb the code has no call for.
    const all = [...clusterRole.rules, ...role.rules];
    for (const rule of all) {
      expect(rule.verbs).not.toContain('*');
      expect(rule.resources).not.toContain('*');
      for (const verb of rule.verbs) {
        expect([
          'get',
          'list',
          'watch',
          'create',
          'update',
          'patch',
          'delete',
        ]).toContain(verb);
      }
    }
  });

  it('watches every kind the compilers emit', () => {
    // Every apiVersion/kind the compilers write, read from their sources.
    const dir = join(REPO, 'plugins/kmop-common/src/compilers');
    const emitted = new Set<string>();
    for (const file of readdirSync(dir).filter(
      f => f.endsWith('.ts') && !f.includes('test'),
    )) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(
        /apiVersion: '([^']+)',\s*kind: '([A-Za-z]+)'/g,
      )) {
        emitted.add(`${m[1]} ${m[2]}`);
      }
    }
    const watched = new Set(
      CHILD_RESOURCES.map(r => `${r.apiVersion} ${r.kind}`),
    );
    expect(emitted.size).toBeGreaterThan(10);
    expect([...emitted].filter(e => !watched.has(e))).toEqual([]);
  });

  it('ships the KMOP CRDs as generated', () => {
    const generated = join(REPO, 'plugins/kmop-common/crds');
    for (const file of readdirSync(generated)) {
      expect(readFileSync(join(DEPLOY, 'crds', file), 'utf8')).toBe(
        readFileSync(join(generated, file), 'utf8'),
      );
    }
  });

  it('runs two non-root replicas with probes and resources', () => {
    const [deployment] = docs('deployment.yaml');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    const kustomization = docs('kustomization.yaml')[0];
    expect(kustomization.resources).toEqual(
      expect.arrayContaining(['rbac.yaml', 'deployment.yaml', 'bindings.yaml']),
    );
  });
});
