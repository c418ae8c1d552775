/** The part of `semver` the packaging test uses (the package ships no types and @types/semver is not installed). */
declare module 'semver' {
  interface SemVer {
    readonly version: string;
  }
  const semver: {
    minVersion(range: string): SemVer | null;
    satisfies(version: string, range: string): boolean;
    inc(version: string, release: 'major' | 'minor' | 'patch'): string | null;
  };
  export default semver;
}
