import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { condition } from '@waymark/workflows';
import { apiRoutes, errorBody, type Route } from '@waymark/workflows/api';
import { z } from 'zod';

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** Plain string path parameters, named in the path; a route's `params` overrides their schemas. */
function pathParams(route: Route): z.ZodObject | undefined {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((name) => [name, route.params?.shape[name] ?? z.string()])));
}

function register(registry: OpenAPIRegistry, route: Route): void {
  const params = pathParams(route);
  registry.registerPath({
    method: route.method,
    path: route.path,
    summary: route.summary,
    ...(route.security === 'none' ? {} : { security: [{ [route.security]: [] }] }),
    request: {
      ...(params ? { params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: { required: true, content: json(route.body) } } : {}),
    },
    responses: {
      [route.status]: {
        description: route.response ? 'OK' : 'Done',
        ...(route.response ? { content: json(route.response) } : {}),
        ...(route.responseType ? { content: { [route.responseType]: { schema: z.string() } } } : {}),
      },
      default: {
        description: 'Error: 400 invalid input, 401/403 auth, 404, 409 conflict, 413 too large, 422 invalid journey',
        content: json(errorBody),
      },
    },
  });
}

/** The OpenAPI 3.1 document served at /api/openapi.json, generated from the route table of @waymark/workflows/api. */
export function openApiDocument(): object {
  // Conditions nest: a named component lets the generator refer to itself instead of recursing forever.
  zodToOpenAPIRegistry.add(condition, { _internal: { refId: 'Condition' } });
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'writeKey', {
    type: 'http',
    scheme: 'basic',
    description: 'The write key as the Basic user (or as a Bearer token).',
  });
  registry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer' });
  for (const route of Object.values(apiRoutes)) register(registry, route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version: '0.1.0',
      description: 'Ingestion (Segment-compatible) and journey management.',
    },
  });
}
