import request from 'supertest';
import { userAuth } from '../__testUtils__/testBackend';
import { startActionsBackend } from './__testUtils__/actionsBackend';

jest.setTimeout(60_000);

type ListedAction = {
  id: string;
  name: string;
  title: string;
  description: string;
  attributes: Record<string, boolean>;
  examples?: { title: string; input: object }[];
  schema: { input: object; output: object };
};

type JsonNode = Record<string, unknown>;

/**
 * The node a `$ref` points to (`#/properties/…`): zod-to-json-schema writes a schema used in
 * several places once and refers to it from the others, with its description at the target.
 */
function resolved(root: JsonNode, node: JsonNode): JsonNode {
  if (typeof node.$ref !== 'string') return node;
  let target: unknown = root;
  for (const key of node.$ref.replace(/^#\//, '').split('/')) {
    target = (target as JsonNode | undefined)?.[key];
  }
  return (target as JsonNode | undefined) ?? node;
}

/** Every field of a JSON schema (nested objects and array items included) has a description. */
function undescribed(
  schema: JsonNode,
  path = '',
  root: JsonNode = schema,
): string[] {
  const out: string[] = [];
  const properties = schema.properties as Record<string, JsonNode> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    const here = path ? `${path}.${key}` : key;
    if (!child.description && !resolved(root, child).description) {
      out.push(here);
    }
    out.push(...undescribed(child, here, root));
  }
  const items = schema.items as JsonNode | undefined;
  if (items && typeof items === 'object')
    out.push(...undescribed(items, `${path}[]`, root));
  return out;
}

describe('the KMOP actions as the registry lists them', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;
  let actions: ListedAction[];

  beforeAll(async () => {
    env = await startActionsBackend();
    const res = await request(env.backend.server)
      .get('/api/kmop/.backstage/actions/v1/actions')
      .set('Authorization', userAuth());
    actions = res.body.actions;
  }, 30_000);

  afterAll(() => env?.stop());

  it('are seven, named verb first without the plugin id, described; only operate-rollout changes anything', () => {
    expect(actions.map(a => a.id).sort()).toEqual([
      'kmop:explain-release',
      'kmop:generate-manifests',
      'kmop:get-entity-view',
      'kmop:get-readiness',
      'kmop:list-services',
      'kmop:operate-rollout',
      'kmop:validate-manifests',
    ]);
    for (const action of actions) {
      expect(action.name).toMatch(
        /^(get|list|explain|validate|generate|operate)-[a-z-]+$/,
      );
      expect(action.title).not.toBe('');
      expect(action.description).toContain('## When to use');
      expect(action.attributes).toEqual(
        action.name === 'operate-rollout'
          ? { readOnly: false, destructive: true, idempotent: false }
          : { readOnly: true, destructive: false, idempotent: true },
      );
      expect({
        id: action.id,
        undescribed: undescribed(action.schema.input as never),
      }).toEqual({
        id: action.id,
        undescribed: [],
      });
      expect({
        id: action.id,
        undescribed: undescribed(action.schema.output as never),
      }).toEqual({
        id: action.id,
        undescribed: [],
      });
    }
  });

  it('refuse unknown arguments, as their schemas say (additionalProperties: false)', async () => {
    for (const action of actions) {
      expect({
        id: action.id,
        additionalProperties: (action.schema.input as Record<string, unknown>)
          .additionalProperties,
      }).toEqual({ id: action.id, additionalProperties: false });
      const input = { ...(action.examples?.[0]?.input ?? {}), verbose: true };
      const res = await env.invoke(action.name, input);
      expect({ id: action.id, status: res.status }).toEqual({
        id: action.id,
        status: 400,
      });
      expect(JSON.stringify(res.body.error)).toContain('verbose');
    }
  });

  it('run each of their examples', async () => {
    const examples = actions.flatMap(a =>
      (a.examples ?? []).map(e => ({
        name: a.name,
        title: e.title,
        input: e.input,
      })),
    );
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const example of examples) {
      const res = await env.invoke(example.name, example.input);
      // This backend leaves operations off (the default): the example is refused, saying how to turn them on.
      const operate = example.name === 'operate-rollout';
      expect({
        example: example.title,
        status: res.status,
        turnedOff: /kmop\.operations\.enabled/.test(res.body.error?.message),
      }).toEqual({
        example: example.title,
        status: operate ? 403 : 200,
        turnedOff: operate,
      });
    }
  });
});
