import { expect, it } from 'vitest';
import { findAction } from '../../src/iam/catalogue.js';
import { escalatingActions, selfGrantActions } from '../../src/iam/escalation.js';

it('lists catalogue actions, the self-grant ones among the escalating ones', () => {
  for (const action of [...escalatingActions, ...selfGrantActions]) expect(findAction(action)?.id, action).toBe(action);
  expect(selfGrantActions.filter((a) => !escalatingActions.includes(a))).toEqual([]);
});
