// Where in a file's text a JSON path is: the line (and column) of `scenarios[3]` or of an
// error's `roles[0].permissions[1]`, for annotations and JUnit reports.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';

export interface Place {
  readonly line: number;
  readonly column: number;
}

/** `roles[0].permissions[1]`, `values["my key"]` → segments; null when the path is not one the validator writes. */
export function pathSegments(path: string): (string | number)[] | null {
  const out: (string | number)[] = [];
  let rest = path;
  let first = true;
  while (rest.length) {
    let m: RegExpExecArray | null;
    if ((m = (first ? /^([A-Za-z_$][A-Za-z0-9_$]*)/ : /^\.([A-Za-z_$][A-Za-z0-9_$]*)/).exec(rest))) out.push(m[1]!);
    else if ((m = /^\[(\d+)\]/.exec(rest))) out.push(Number(m[1]));
    else if ((m = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest))) {
      try {
        out.push(JSON.parse(m[1]!) as string);
      } catch {
        return null;
      }
    } else return null;
    rest = rest.slice(m[0].length);
    first = false;
  }
  return out;
}

/** A file's text, parsed once, answering where paths are. */
export class Locator {
  private root: Node | undefined;
  private lines: number[] | undefined;
  private readonly text: string;

  constructor(text: string) {
    this.text = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  }

  private parsed(): Node | undefined {
    if (this.lines) return this.root;
    this.root = parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false });
    this.lines = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lines.push(i + 1);
    return this.root;
  }

  /** The place of the value at `segments`, or of the nearest enclosing value the file has; null when none. */
  at(segments: readonly (string | number)[]): Place | null {
    const root = this.parsed();
    if (!root) return null;
    for (let n = segments.length; n >= 1; n--) {
      const node = findNodeAtLocation(root, segments.slice(0, n) as (string | number)[]);
      if (node) return this.place(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return null;
  }

  private place(offset: number): Place {
    const lines = this.lines!;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lines[lo]! + 1 };
  }
}
