import { before, describe, test } from 'node:test';
import { brokerSkip, queueExchanges, publisher } from './broker.ts';
const skip = await brokerSkip();
console.log('skip', skip);
describe('x', () => {
  before(async () => { console.log('before'); });
  test('t', { skip }, async () => { console.log('in t'); });
});
