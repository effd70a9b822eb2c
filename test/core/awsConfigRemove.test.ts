import { describe, expect, it } from 'vitest';
import { removeSection, upsertSection } from '../../src/core/awsConfig.js';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const add = (text: string) => upsertSection(upsertSection(text, 'sso-session corp', { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'us-east-1' }), 'profile dev', { sso_session: 'corp', region: 'us-east-1' });
const remove = (text: string) => removeSection(removeSection(text, 'profile dev'), 'sso-session corp');

describe('removeSection', () => {
  it.each([
    ['empty', ''],
    ['one profile', '[profile a]\nregion = eu-west-1\n'],
    ['comments', '# mine\n[default]\nregion = eu-west-1 ; why\n'],
    ['no final line break', '[default]\nregion = eu-west-1'],
    ['CRLF', crlf('# mine\n[default]\nregion = eu-west-1\n')],
    ['CRLF, no final line break', crlf('[default]\nregion = eu-west-1')],
  ])('takes out what upsertSection added, byte for byte: %s', (_, text) => {
    expect(remove(add(text))).toBe(text);
  });

  it('keeps the comment that leads into the next section, and one blank line', () => {
    const text = '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-1\n\n# mine\n[profile mine]\nregion = x\n';
    expect(removeSection(text, 'profile dev')).toBe('[default]\nregion = eu-west-1\n\n# mine\n[profile mine]\nregion = x\n');
  });

  it('a file that ended in a blank line loses it (upsertSection then reused it; the text alone cannot tell)', () => {
    expect(remove(add('[default]\nregion = a\n\n'))).toBe('[default]\nregion = a\n');
  });

  it('leaves a text without the section as it is', () => {
    expect(removeSection('[default]\nregion = a\n', 'profile dev')).toBe('[default]\nregion = a\n');
  });
});
