import { type Instant, parseRfc3339 } from '../time/rfc3339';
import { type Issue, issues } from './issues';

/**
 * Reads fields of untrusted JSON, recording a problem for each bad one and carrying on, so that a
 * validation pass reports every problem. Paths are built only when a problem is recorded.
 */
export class Reader {
  readonly problems: Issue[] = [];

  report(problem: Issue): void {
    this.problems.push(problem);
  }

  /** An object with only the allowed members, or undefined (and a problem). */
  object(value: unknown, path: string, allowed: ReadonlySet<string>): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(issues.badType(path, 'object', value));
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!allowed.has(key)) this.report(issues.unknownField(`${path}.${key}`));
    }
    return record;
  }

  array(record: Record<string, unknown>, key: string, path: string): readonly unknown[] | undefined {
    const value = record[key];
    if (value === undefined) {
      this.report(issues.missingField(`${path}.${key}`));
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(issues.badType(`${path}.${key}`, 'array', value));
      return undefined;
    }
    return value;
  }

  string(record: Record<string, unknown>, key: string, path: string): string | undefined {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (value === undefined) this.report(issues.missingField(`${path}.${key}`));
    else this.report(issues.badType(`${path}.${key}`, 'string', value));
    return undefined;
  }

  /** A non-empty string. */
  id(record: Record<string, unknown>, key: string, path: string): string | undefined {
    const value = this.string(record, key, path);
    if (value === '') {
      this.report(issues.badId(`${path}.${key}`));
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(record: Record<string, unknown>, key: string, path: string, allowed: readonly T[]): T | undefined {
    const value = this.string(record, key, path);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(issues.badValue(`${path}.${key}`, value, allowed));
    return undefined;
  }

  timestamp(record: Record<string, unknown>, key: string, path: string): Instant | undefined {
    const value = this.string(record, key, path);
    if (value === undefined) return undefined;
    const instant = parseRfc3339(value);
    if (!instant) this.report(issues.badTimestamp(`${path}.${key}`, value));
    return instant;
  }
}
