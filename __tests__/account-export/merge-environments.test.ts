import { mergeEnvironments } from '../../src/account-export/merge-environments';

const profile = (instance: string, extra: Record<string, unknown> = {}) => ({
  adopt: true,
  role: { name: 'AppRole', path: '/', ...extra },
  instanceProfile: { name: 'AppProfile', path: '/' },
  instance: { existingId: instance },
});

describe('merging environments by instance profile name', () => {
  it('writes a profile of several environments once, a variable per string that differs, set per environment', () => {
    const merged = mergeEnvironments([
      { environment: 'dev', profiles: [profile('i-0aaaaaaaaaaaaaaaa')] },
      { environment: 'prod', profiles: [profile('i-0bbbbbbbbbbbbbbbb')] },
    ]);
    expect(merged.profiles).toEqual([{ ...profile('{{var.app_profile_instance}}') }]);
    expect(merged.variables).toEqual({
      app_profile_instance: { description: 'instance.existingId of instance profile AppProfile, per environment.', example: 'i-0aaaaaaaaaaaaaaaa' },
    });
    expect(Object.fromEntries(merged.values)).toEqual({
      dev: { app_profile_instance: 'i-0aaaaaaaaaaaaaaaa' },
      prod: { app_profile_instance: 'i-0bbbbbbbbbbbbbbbb' },
    });
  });

  it('limits a profile to the environments that have it, and keeps apart profiles of one name that differ in more than strings', () => {
    const merged = mergeEnvironments([
      { environment: 'dev', profiles: [profile('i-0aaaaaaaaaaaaaaaa', { maxSessionDuration: 7200 })] },
      { environment: 'staging', profiles: [] },
      { environment: 'prod', profiles: [profile('i-0bbbbbbbbbbbbbbbb')] },
    ]);
    expect(merged.profiles).toEqual([
      { environments: ['dev'], ...profile('i-0aaaaaaaaaaaaaaaa', { maxSessionDuration: 7200 }) },
      { environments: ['prod'], ...profile('i-0bbbbbbbbbbbbbbbb') },
    ]);
    expect(merged.variables).toEqual({});
  });
});
