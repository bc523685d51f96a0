import { isLabelValue, isQualifiedName } from '../model/shared/names';

/**
 * How a requirement compares a label.
 *
 * @public
 */
export type LabelSelectorOperator =
  | 'Equals'
  | 'NotEquals'
  | 'In'
  | 'NotIn'
  | 'Exists'
  | 'DoesNotExist';

/**
 * One clause of a label selector.
 *
 * @public
 */
export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  /** One value for `Equals`/`NotEquals`, the set for `In`/`NotIn`, none otherwise. */
  values: string[];
}

/**
 * A parsed label selector: every requirement must hold.
 *
 * @public
 */
export type ParsedLabelSelector = LabelSelectorRequirement[];

/**
 * A label selector that does not follow Kubernetes' syntax.
 *
 * @public
 */
export class LabelSelectorSyntaxError extends Error {
  /** What is wrong, without the selector, e.g. `expected '(' at the end`. */
  readonly problem: string;

  constructor(selector: string, problem: string) {
    super(`Invalid label selector "${selector}": ${problem}`);
    this.name = 'LabelSelectorSyntaxError';
    this.problem = problem;
  }
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'op'; text: '=' | '==' | '!=' | '!' | '(' | ')' | ','; at: number };

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const ch = selector[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (selector.startsWith('==', i) || selector.startsWith('!=', i)) {
      tokens.push({
        type: 'op',
        text: selector.startsWith('==', i) ? '==' : '!=',
        at: i,
      });
      i += 2;
    } else if (
      ch === '=' ||
      ch === '!' ||
      ch === '(' ||
      ch === ')' ||
      ch === ','
    ) {
      tokens.push({ type: 'op', text: ch, at: i });
      i++;
    } else {
      const start = i;
      while (i < selector.length && !/[\s=!(),]/.test(selector[i])) {
        i++;
      }
      tokens.push({ type: 'word', text: selector.slice(start, i), at: start });
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly selector: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ParsedLabelSelector {
    const requirements: ParsedLabelSelector = [];
    if (this.tokens.length === 0) {
      return requirements;
    }
    for (;;) {
      requirements.push(this.requirement());
      const next = this.next();
      if (next === undefined) {
        return requirements;
      }
      if (next.text !== ',') {
        throw this.error(`expected ',' at position ${next.at}`);
      }
    }
  }

  private requirement(): LabelSelectorRequirement {
    const first = this.next();
    if (first?.type === 'op' && first.text === '!') {
      return { key: this.key(), operator: 'DoesNotExist', values: [] };
    }
    if (first?.type !== 'word') {
      throw this.error(`expected a label key ${this.where(first)}`);
    }
    const key = this.checkKey(first.text);
    const op = this.peek();
    if (op === undefined || op.text === ',') {
      return { key, operator: 'Exists', values: [] };
    }
    this.position++;
    if (op.text === '=' || op.text === '==' || op.text === '!=') {
      return {
        key,
        operator: op.text === '!=' ? 'NotEquals' : 'Equals',
        values: [this.value()],
      };
    }
    if (op.type === 'word' && (op.text === 'in' || op.text === 'notin')) {
      return {
        key,
        operator: op.text === 'in' ? 'In' : 'NotIn',
        values: this.valueSet(),
      };
    }
    throw this.error(
      `expected =, ==, !=, in or notin after "${key}" at position ${op.at}`,
    );
  }

  private key(): string {
    const token = this.next();
    if (token?.type !== 'word') {
      throw this.error(`expected a label key ${this.where(token)}`);
    }
    return this.checkKey(token.text);
  }

  private checkKey(key: string): string {
    if (!isQualifiedName(key)) {
      throw this.error(`"${key}" is not a valid label key`);
    }
    return key;
  }

  /** A value after `=`; `a=` (empty value) is valid, as in Kubernetes. */
  private value(): string {
    const token = this.peek();
    if (token?.type !== 'word') {
      return '';
    }
    this.position++;
    return this.checkValue(token.text);
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open?.text !== '(') {
      throw this.error(`expected '(' ${this.where(open)}`);
    }
    const values: string[] = [];
    for (;;) {
      values.push(this.value());
      const token = this.next();
      if (token?.text === ')') {
        break;
      }
      if (token?.text !== ',') {
        throw this.error(`expected ',' or ')' ${this.where(token)}`);
      }
    }
    if (values.length === 1 && values[0] === '') {
      throw this.error('a set of values must not be empty');
    }
    return values;
  }

  private checkValue(value: string): string {
    if (!isLabelValue(value)) {
      throw this.error(`"${value}" is not a valid label value`);
    }
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token | undefined {
    return this.tokens[this.position++];
  }

  private where(token: Token | undefined): string {
    return token ? `at position ${token.at}` : 'at the end';
  }

  private error(problem: string): LabelSelectorSyntaxError {
    return new LabelSelectorSyntaxError(this.selector, problem);
  }
}

/**
 * Parses a Kubernetes label selector, equality-based (`a=b`, `a==b`, `c!=d`) and set-based
 * (`e in (x,y)`, `f notin (z)`, `g`, `!h`). An empty selector has no requirements and matches
 * everything. Throws {@link LabelSelectorSyntaxError} for anything Kubernetes would reject.
 *
 * @public
 */
export function parseLabelSelector(selector: string): ParsedLabelSelector {
  return new Parser(selector, tokenize(selector)).parse();
}

function holds(
  labels: Readonly<Record<string, string>>,
  { key, operator, values }: LabelSelectorRequirement,
): boolean {
  const value = Object.prototype.hasOwnProperty.call(labels, key)
    ? labels[key]
    : undefined;
  switch (operator) {
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Equals':
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotEquals':
    case 'NotIn':
      // As in Kubernetes, an object without the label matches `!=` and `notin`.
      return value === undefined || !values.includes(value);
    default:
      return false;
  }
}

/**
 * True when `labels` satisfy every requirement of `selector`.
 *
 * @public
 */
export function matchesLabelSelector(
  labels: Readonly<Record<string, string>> | undefined,
  selector: ParsedLabelSelector,
): boolean {
  return selector.every(requirement => holds(labels ?? {}, requirement));
}
