import { defineRule } from '../../src/engine/rule.js';
import { sourceLimit } from '../../src/iam/conditions.js';
import { describeItems } from '../../src/iam/describe.js';
import { coversAction } from '../../src/iam/statement.js';
import { isAllow, statementLabel, type PolicyDocument } from '../../src/model/policy.js';

interface Options {
  /** Which trust policies are checked: the documented services (and `trustServices`), all, or none. */
  readonly trustPolicies: 'documented' | 'all' | 'none';
  /** More service principals to check in trust policies when `trustPolicies` is `documented`. */
  readonly trustServices: readonly string[];
}

const defaults: Options = { trustPolicies: 'documented', trustServices: [] };

/**
 * Services whose documentation asks for aws:SourceAccount / aws:SourceArn in the trust policy of the
 * roles they assume (so they send the keys when they assume them): AWS Config, EventBridge
 * Scheduler, Amazon Personalize, Amazon Bedrock, WorkSpaces Applications (AppStream 2.0), AWS FIS.
 */
const documentedTrustServices = new Set([
  'appstream.amazonaws.com',
  'bedrock.amazonaws.com',
  'config.amazonaws.com',
  'fis.amazonaws.com',
  'personalize.amazonaws.com',
  'scheduler.amazonaws.com',
]);

/** `Config.amazonaws.com` and the China partition's `config.amazonaws.com.cn` name the same service. */
function normalizeService(value: string): string {
  return value.toLowerCase().replace(/\.cn$/, '');
}

/** Service-linked roles live under `/aws-service-role/`; their trust policies cannot be edited. */
function isServiceLinkedRole(document: PolicyDocument): boolean {
  return document.owner?.includes(':role/aws-service-role/') ?? false;
}

const optionSets = new WeakMap<Options, ReadonlySet<string>>();

/** The trust-policy services the options ask for, computed once per options object. */
function trustServicesOf(options: Options): ReadonlySet<string> {
  let found = optionSets.get(options);
  if (!found) {
    found = new Set([...documentedTrustServices, ...options.trustServices.map(normalizeService)]);
    optionSets.set(options, found);
  }
  return found;
}

function checksTrustOf(service: string, options: Options): boolean {
  if (options.trustPolicies === 'all') return true;
  if (options.trustPolicies === 'none') return false;
  return trustServicesOf(options).has(normalizeService(service));
}

export default defineRule({
  id: 'service-principal-without-source',
  meta: {
    category: 'exposure',
    severity: 'medium',
    recommended: true,
    inputs: ['policy'],
    kinds: ['resource', 'trust'],
    description: 'A service principal should be allowed only for your own sources, with aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.',
    sources: [
      { tool: 'access-analyzer', id: 'external access finding' },
      { tool: 'prowler', id: 'iam_role_cross_service_confused_deputy_prevention' },
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        trustPolicies: { enum: ['documented', 'all', 'none'] },
        trustServices: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
  defaultOptions: defaults,
  messages: {
    resourcePolicy:
      'Statement {statement} lets {service} {access} for any source, in any AWS account: without a condition that requires specific values of aws:SourceArn, aws:SourceAccount or aws:SourceOrgID, a resource of another customer can make {service} act on this one (confused deputy). Add a condition that pins aws:SourceArn or aws:SourceAccount to your own resources.',
    trustPolicy:
      'Statement {statement} lets {service} assume this role for any source: without a condition that requires specific values of aws:SourceAccount or aws:SourceArn, another customer who learns the role\'s ARN can have {service} use it (confused deputy). Add a StringEquals condition on aws:SourceAccount with your account, or an ArnLike condition on aws:SourceArn, as the service documents.',
  },
  check: {
    statement(context, statement, document) {
      if (!isAllow(statement) || !statement.principal) return;
      const services = statement.principal.entries.filter((entry) => entry.type === 'Service');
      if (services.length === 0) return;
      const trust = document.kind === 'trust';
      if (trust && (!coversAction(statement, 'sts:AssumeRole') || isServiceLinkedRole(document))) return;
      const checked = trust ? services.filter((entry) => checksTrustOf(entry.value.value, context.options)) : services;
      if (checked.length === 0 || sourceLimit(statement.condition)) return;
      const label = statementLabel(statement);
      for (const { value } of checked) {
        if (trust) context.report({ messageId: 'trustPolicy', at: value.span, data: { statement: label, service: value.value } });
        else {
          const access = statement.action ? `perform ${describeItems(statement.action)}` : `perform every action except ${describeItems(statement.notAction)}`;
          context.report({ messageId: 'resourcePolicy', at: value.span, data: { statement: label, service: value.value, access } });
        }
      }
    },
  },
});
