import { evaluateCondition, type Condition } from '@waymark/workflows';

type Properties = Record<string, unknown>;

/** A value that passes one attribute test, for pre-filling the entry event; undefined when none is obvious. */
function passingValue(op: string, value: unknown): unknown {
  switch (op) {
    case 'eq':
    case 'gte':
    case 'lte':
    case 'contains':
    case 'startsWith':
      return value;
    case 'in':
      return Array.isArray(value) ? value[0] : undefined;
    case 'gt':
      return typeof value === 'number' ? value + 1 : undefined;
    case 'lt':
      return typeof value === 'number' ? value - 1 : undefined;
    case 'exists':
      return 'example';
    default:
      return undefined;
  }
}

/** The event properties a trigger filter tests (`event.properties.brand = acme` -> { brand: 'acme' }), with values that pass it. */
export function propertiesFromFilter(condition: unknown): Properties {
  const c = (condition ?? {}) as Record<string, unknown>;
  if (Array.isArray(c.all)) return Object.assign({}, ...(c.all as unknown[]).map(propertiesFromFilter)) as Properties;
  if (Array.isArray(c.any)) return c.any.length ? propertiesFromFilter(c.any[0]) : {};
  const path = typeof c.attr === 'string' ? /^(?:event|trigger)\.properties\.([\w$-]+)$/.exec(c.attr) : null;
  if (!path) return {};
  const value = passingValue(String(c.op), c.value);
  return value === undefined ? {} : { [path[1]!]: value };
}

/**
 * The entry event the simulator starts from: the trigger's event with the properties its filter
 * tests. A different event than before starts from the filter's properties; the same one keeps
 * what the marketer typed and only gains properties the filter needs.
 */
export function prefillEntryEvent(
  trigger: { event?: unknown; where?: unknown },
  previous: { name?: unknown; properties?: unknown },
): { name: string; properties: Properties } {
  const name =
    typeof trigger.event === 'string' && trigger.event ? trigger.event : String(previous.name ?? 'simulated');
  const filtered = propertiesFromFilter(trigger.where);
  const kept =
    previous.name === name && previous.properties && typeof previous.properties === 'object'
      ? (previous.properties as Properties)
      : {};
  return { name, properties: { ...filtered, ...kept } };
}

/** Whether the entry event passes the trigger's filter: the person only enters if it does. */
export function passesTriggerFilter(
  where: unknown,
  event: { name: string; properties: Properties },
  profile: Properties,
  now: string,
): boolean {
  if (!where) return true;
  try {
    return evaluateCondition(where as Condition, { profile, event: { ...event, timestamp: now }, now });
  } catch {
    return false;
  }
}
