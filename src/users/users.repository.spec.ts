import { likeContains } from './users.repository';

describe('likeContains', () => {
  it('wraps in % and escapes LIKE wildcards so they match literally', () => {
    expect(likeContains('ops')).toBe('%ops%');
    expect(likeContains('100%')).toBe('%100\\%%');
    expect(likeContains('a_b')).toBe('%a\\_b%');
    expect(likeContains('back\\slash')).toBe('%back\\\\slash%');
  });
});
