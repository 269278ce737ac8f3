import { catalogue, findService, type ConditionKeyInfo } from './catalogue.js';
import { actionMatcher, type Matcher } from './wildcard.js';

/*
 * Condition keys as the catalogue defines them. Many are templates that match any text in place of
 * a placeholder, which the data spells three ways: `ec2:ResourceTag/${TagKey}`,
 * `s3:ExistingObjectTag/<key>` and, for global keys, `aws:PrincipalTag/tag-key`.
 */

const placeholder = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/g;

function isTemplate(key: string): boolean {
  return key.search(placeholder) >= 0;
}

function templateMatcher(key: string): Matcher {
  return actionMatcher(key.replace(placeholder, '*'));
}

interface Template {
  readonly info: ConditionKeyInfo;
  readonly match: Matcher;
}

function templatesOf(keys: Iterable<ConditionKeyInfo>): Template[] {
  return [...keys].filter((info) => isTemplate(info.key)).map((info) => ({ info, match: templateMatcher(info.key) }));
}

let globalTemplates: Template[] | undefined;
const serviceTemplates = new Map<string, Template[]>();
const found = new Map<string, ConditionKeyInfo | undefined>();

function inServices(key: string, lower: string, prefixes: readonly string[]): ConditionKeyInfo | undefined {
  for (const prefix of prefixes) {
    const service = findService(prefix);
    if (!service) continue;
    const exact = service.conditionKeys.get(lower);
    if (exact) return exact;
    let templates = serviceTemplates.get(service.prefix);
    if (!templates) {
      templates = templatesOf(service.conditionKeys.values());
      serviceTemplates.set(service.prefix, templates);
    }
    const template = templates.find((t) => t.match(key));
    if (template) return template.info;
  }
  return undefined;
}

function lookup(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const { globalConditionKeys, keyPrefixes } = catalogue();
  const global = globalConditionKeys.get(lower);
  if (global) return global;
  globalTemplates ??= templatesOf(globalConditionKeys.values());
  const template = globalTemplates.find((t) => t.match(key));
  if (template) return template.info;
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = key.slice(0, colon);
  // The key's own service, else the services that define keys under a prefix that is no service
  // (`saml:sub` → sts), the prefix itself possibly a template (`token.actions.${Domain}.ghe.com`).
  const owners = Object.entries(keyPrefixes)
    .filter(([name]) => (isTemplate(name) ? templateMatcher(name)(prefix) : name.toLowerCase() === prefix.toLowerCase()))
    .flatMap(([, services]) => services);
  return inServices(key, lower, [prefix, ...owners]);
}

/** The catalogue's definition of a condition key (any case), global or of a service; cached per key. */
export function findConditionKey(key: string): ConditionKeyInfo | undefined {
  if (!found.has(key)) found.set(key, lookup(key));
  return found.get(key);
}

/** Multivalued keys (`ArrayOf…` types) hold a set of values per request: aws:TagKeys, aws:PrincipalOrgPaths … */
export function isMultivalued(info: ConditionKeyInfo): boolean {
  return info.type.startsWith('ArrayOf');
}
