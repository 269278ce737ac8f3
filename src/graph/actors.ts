import type { RequestPrincipal } from '../eval/types.js';
import { isAccountId, parseArn } from '../iam/arn.js';
import { classifyAwsPrincipal, type TrustSettings } from '../iam/principals.js';
import { isAllow, type PolicyDocument } from '../model/policy.js';
import { allowEverything } from './documents.js';
import type { GraphDraft } from './draft.js';
import type { Subject } from './evaluator.js';
import type { AccountModel, PolicySet, PrincipalEntry, PrincipalIndex } from './principals-policies.js';
import { probeName } from './statements.js';

// Who a trust or resource policy names, as subjects to evaluate and nodes to draw: the analysed
// principals, and for everything else a node with representatives — an account that is not analysed
// (its principals' policies are unknown, so they are taken to allow everything and only the
// policy naming them decides), the public, a service, an identity provider.

export type Named =
  | { readonly kind: 'principal'; readonly principal: PrincipalEntry }
  /** An analysed account named as a whole (its id or root ARN): its principals, if their own policies allow. */
  | { readonly kind: 'account'; readonly account: AccountModel }
  | { readonly kind: 'everyone' }
  | { readonly kind: 'other'; readonly node: string; readonly subjects: readonly Subject[] };

export const publicKey = '*';

export function subjectOf(principal: PrincipalEntry): Subject {
  return { node: principal.key, request: principal.request, set: principal.set };
}

/** The condition keys whose values name principals by ARN: a representative of an external account may be one of those. */
const principalArnKeys = new Set(['aws:principalarn', 'aws:sourcearn']);

export class Actors {
  private readonly externalSet: PolicySet;
  private readonly emptySet: PolicySet;
  readonly publicSubject: Subject;

  constructor(
    private readonly index: PrincipalIndex,
    private readonly draft: GraphDraft,
    private readonly trust: TrustSettings,
  ) {
    this.externalSet = index.sets.get([allowEverything()], undefined, undefined);
    this.emptySet = index.sets.get([], undefined, undefined);
    this.publicSubject = { node: publicKey, request: { kind: 'anonymous', arn: '*', account: undefined }, set: this.emptySet };
  }

  /** Every principal that `Principal: "*"` names: the public node, and every analysed user and role. */
  publicNode(): string {
    this.draft.addNode({ kind: 'public', key: publicKey, label: 'everyone (*)', account: undefined, span: undefined });
    return publicKey;
  }

  /** The node of an account that is not analysed: keyed by its root ARN. */
  externalNode(account: string, partition = 'aws'): string {
    const key = `arn:${partition}:iam::${account}:root`;
    this.draft.addNode({ kind: 'external-account', key, label: `account ${account}`, account, span: undefined, trusted: this.trust.accounts.includes(account) });
    return key;
  }

  /**
   * A service principal acting for an account: the node `lambda.amazonaws.com@111122223333` stands
   * for the service working for resources of that account (the functions, stacks, instances whose
   * roles it assumes: aws:SourceAccount is the account), which is what a role's trust lets it do and
   * what a principal that takes over the account's existing compute gets. Without an account (a
   * resource policy of an unknown account), the service alone.
   */
  serviceSubject(service: string, account: string | undefined): Subject {
    const name = service.toLowerCase();
    const key = account === undefined ? name : `${name}@${account}`;
    this.draft.addNode({ kind: 'service', key, label: account === undefined ? name : `${name} (for ${account})`, account, span: undefined });
    return { node: key, request: { kind: 'service', arn: name, account: undefined }, set: this.emptySet };
  }

  federatedSubject(provider: string): Subject {
    const arn = parseArn(provider);
    const account = arn && isAccountId(arn.account) ? arn.account : undefined;
    this.draft.addNode({ kind: 'federated', key: provider, label: arn ? arn.resource : provider, account, span: undefined });
    return { node: provider, request: { kind: 'federated', arn: provider, account }, set: this.emptySet };
  }

  private externalSubject(node: string, request: RequestPrincipal): Subject {
    return { node, request, set: this.externalSet };
  }

  /**
   * Representatives of an external account's principals for `document`: some role of the account,
   * the users and roles the document names in it, and those its conditions on `aws:PrincipalArn`
   * describe (wildcards filled in), so that a condition narrowing the account to some of its
   * principals is met by one of them.
   */
  externalSubjects(account: string, document: PolicyDocument): Subject[] {
    const partition = 'aws';
    const node = this.externalNode(account, partition);
    const arns = new Set<string>([`arn:${partition}:iam::${account}:role/${probeName}`]);
    for (const statement of document.statements) {
      if (!isAllow(statement)) continue;
      for (const entry of statement.principal?.entries ?? []) {
        if (entry.type !== 'AWS') continue;
        const named = classifyAwsPrincipal(entry.value.value);
        if (named.account === account && (named.kind === 'role' || named.kind === 'user' || named.kind === 'assumed-role')) arns.add(entry.value.value);
      }
      for (const clause of statement.condition?.clauses ?? []) {
        if (!principalArnKeys.has(clause.key.value.toLowerCase())) continue;
        for (const { value } of clause.values) {
          if (typeof value !== 'string') continue;
          const arn = parseArn(value);
          if (arn?.account === account && arn.service === 'iam') arns.add(value.replace(/\*/g, probeName).replace(/\?/g, 'x'));
        }
      }
    }
    return [...arns].map((arn) => {
      const named = classifyAwsPrincipal(arn);
      if (named.kind === 'user') return this.externalSubject(node, { kind: 'user', arn, account });
      if (named.kind === 'assumed-role') {
        const roleName = (named.name ?? '').split('/')[0] ?? '';
        return this.externalSubject(node, { kind: 'role', arn: `arn:${partition}:iam::${account}:role/${roleName}`, account, sessionArn: arn });
      }
      return this.externalSubject(node, { kind: 'role', arn, account });
    });
  }

  /**
   * What the Allow statements of a trust or resource policy of `account` name. Principals named in analysed
   * accounts that do not exist are left out (AWS would not have accepted the policy, or the
   * principal was deleted since); CanonicalUser and unreadable values too.
   */
  namedBy(document: PolicyDocument, account: string | undefined): Named[] {
    const found: Named[] = [];
    const others = new Map<string, Named>();
    const other = (key: string, make: () => Named): void => {
      if (!others.has(key)) others.set(key, make());
    };
    for (const statement of document.statements) {
      if (!isAllow(statement) || !statement.principal) continue;
      if (statement.principal.wildcard) found.push({ kind: 'everyone' });
      for (const entry of statement.principal.entries) {
        const value = entry.value.value;
        if (entry.type === 'Service') {
          other(`service ${value.toLowerCase()}`, () => {
            const subject = this.serviceSubject(value, account);
            return { kind: 'other', node: subject.node, subjects: [subject] };
          });
        } else if (entry.type === 'Federated') {
          other(`federated ${value}`, () => {
            const subject = this.federatedSubject(value);
            return { kind: 'other', node: subject.node, subjects: [subject] };
          });
        } else if (entry.type === 'AWS') {
          const named = classifyAwsPrincipal(value);
          if (named.kind === 'everyone') {
            found.push({ kind: 'everyone' });
            continue;
          }
          const of = named.account;
          if (of === undefined) continue;
          const model = this.index.accounts.get(of);
          if (!model) {
            other(`external ${of}`, () => ({ kind: 'other', node: this.externalNode(of), subjects: this.externalSubjects(of, document) }));
            continue;
          }
          if (named.kind === 'account') found.push({ kind: 'account', account: model });
          else if (named.kind === 'user' || named.kind === 'role') {
            const principal = this.index.principals.get(value);
            if (principal) found.push({ kind: 'principal', principal });
          } else if (named.kind === 'assumed-role') {
            const roleName = (named.name ?? '').split('/')[0] ?? '';
            const principal = model.roles.find((role) => role.entity?.name === roleName);
            if (principal) found.push({ kind: 'principal', principal });
          }
        }
      }
    }
    return [...found, ...others.values()];
  }
}
