import type { DifferentialCase, PolicyJson, PrincipalJson, StatementJson } from './case.js';

// Shrinks a failing case to a minimal repro: fast-check's shrinking cannot take apart the pools the
// generators draw from, so this removes what it can — policies, statements, condition clauses, list
// entries, context values — one step at a time, keeping a step whenever the case still fails the same way.

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function copy(c: DifferentialCase): Mutable<DifferentialCase> {
  return structuredClone(c);
}

/** Every policy of a case with a name, so that a smaller variant can find "the same" policy in its own copy. */
function policies(c: DifferentialCase): [string, PolicyJson][] {
  const out: [string, PolicyJson][] = c.identity.map((p, i) => [`identity ${i}`, p]);
  if (c.boundary) out.push(['boundary', c.boundary]);
  if (c.resourcePolicy) out.push(['resource', c.resourcePolicy]);
  for (const part of ['scps', 'rcps'] as const) {
    c[part]?.forEach((level, l) => {
      level.forEach((p, i) => {
        out.push([`${part} ${l} ${i}`, p]);
      });
    });
  }
  return out;
}

/** The variant of `c` where `change` edits statement `s` of the policy at position `p` (the same position in the copy). */
function editStatement(c: DifferentialCase, p: number, s: number, change: (statement: StatementJson, policy: PolicyJson) => void): DifferentialCase {
  const next = copy(c);
  const policy = policies(next)[p]?.[1];
  const statement = policy?.Statement[s];
  if (policy && statement) change(statement, policy);
  return next;
}

function* statementVariants(c: DifferentialCase, p: number, s: number, statement: StatementJson, statements: number): Generator<DifferentialCase> {
  if (statements > 1) yield editStatement(c, p, s, (_, policy) => policy.Statement.splice(s, 1));
  if (statement.Condition) {
    yield editStatement(c, p, s, (st) => delete st.Condition);
    for (const [operator, byKey] of Object.entries(statement.Condition)) {
      for (const [key, value] of Object.entries(byKey)) {
        if (Object.keys(statement.Condition).length > 1 || Object.keys(byKey).length > 1) {
          yield editStatement(c, p, s, (st) => {
            if (!st.Condition) return;
            const rest = Object.entries(st.Condition)
              .map(([op, clauses]) => [op, op === operator ? Object.fromEntries(Object.entries(clauses).filter(([k]) => k !== key)) : clauses] as const)
              .filter(([, clauses]) => Object.keys(clauses).length > 0);
            st.Condition = Object.fromEntries(rest);
          });
        }
        if (Array.isArray(value)) {
          for (const one of value) {
            yield editStatement(c, p, s, (st) => {
              const clauses = st.Condition?.[operator];
              if (clauses) clauses[key] = one;
            });
          }
        }
      }
    }
  }
  for (const element of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const value = statement[element];
    if (Array.isArray(value)) for (const one of value) yield editStatement(c, p, s, (st) => (st[element] = one));
    else if (value !== undefined && value !== '*') yield editStatement(c, p, s, (st) => (st[element] = '*'));
  }
  for (const element of ['Principal', 'NotPrincipal'] as const) {
    const value: PrincipalJson | undefined = statement[element];
    if (value === undefined || value === '*' || !Array.isArray(value.AWS)) continue;
    for (const one of value.AWS) yield editStatement(c, p, s, (st) => (st[element] = { AWS: one }));
  }
}

/** Smaller variants of a case, biggest cuts first. Role trust and key policies stay (a role and a key always have one). */
function* variants(c: DifferentialCase): Generator<DifferentialCase> {
  for (const part of ['boundary', 'scps', 'rcps', 'resourcePolicy'] as const) {
    if (c[part] === undefined || (part === 'resourcePolicy' && (c.scenario === 'assume' || c.scenario === 'kms'))) continue;
    const next = copy(c);
    next[part] = undefined;
    yield next;
  }
  for (let i = 0; i < c.identity.length; i++) {
    const next = copy(c);
    next.identity = c.identity.filter((_, j) => j !== i);
    yield next;
  }
  for (const part of ['scps', 'rcps'] as const) {
    const levels = c[part];
    if (!levels) continue;
    // Never leave a level empty: the two evaluators read an empty level differently (iamlint as
    // FullAWSAccess, iam-simulate as no allow), and the generators never make one.
    if (levels.length > 1) for (let l = 0; l < levels.length; l++) yield { ...c, [part]: levels.filter((_, j) => j !== l) };
    for (let l = 0; l < levels.length; l++) {
      const size = levels[l]?.length ?? 0;
      if (size < 2) continue;
      for (let i = 0; i < size; i++) yield { ...c, [part]: levels.map((level, j) => (j === l ? level.filter((_, k) => k !== i) : level)) };
    }
  }
  const all = policies(c);
  for (let p = 0; p < all.length; p++) {
    const statements = all[p]?.[1].Statement ?? [];
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      if (statement) yield* statementVariants(c, p, s, statement, statements.length);
    }
  }
  for (const [key, value] of Object.entries(c.context)) if (value !== null) yield { ...c, context: { ...c.context, [key]: null } };
  if (Object.keys(c.principalTags).length > 0) yield { ...c, principalTags: {} };
}

/**
 * The smallest case reachable from `c` by removals that keep `signature` unchanged (for instance
 * "ours allowed, theirs denied"); `signature` answers undefined for a case that no longer fails.
 */
export async function minimize(c: DifferentialCase, signature: (c: DifferentialCase) => Promise<string | undefined>): Promise<DifferentialCase> {
  const wanted = await signature(c);
  let current = c;
  for (let progress = true; progress; ) {
    progress = false;
    for (const variant of variants(current)) {
      if ((await signature(variant)) === wanted) {
        current = variant;
        progress = true;
        break;
      }
    }
  }
  return current;
}
