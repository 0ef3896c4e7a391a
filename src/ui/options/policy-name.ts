// The top-level `name` of a policy file's text, read without parsing the whole file (the
// scan stops at the name): what the import asks about before a workspace of the same
// name is replaced or kept apart. Null when the text has no such name (the import then
// says what is wrong with it).
import { visit } from 'jsonc-parser';

const FOUND = Symbol('found');

export function topLevelName(text: string): string | null {
  let depth = 0;
  let nameNext = false;
  let name: string | null = null;
  try {
    visit(text, {
      onObjectBegin: () => {
        depth++;
        nameNext = false;
      },
      onObjectEnd: () => {
        depth--;
      },
      onArrayBegin: () => {
        // a list counts as a level too: `[{"name": …}]` has no top-level name
        depth += 2;
        nameNext = false;
      },
      onArrayEnd: () => {
        depth -= 2;
      },
      onObjectProperty: (property) => {
        nameNext = depth === 1 && property === 'name';
      },
      onLiteralValue: (value) => {
        if (nameNext) {
          if (typeof value === 'string') name = value;
          throw FOUND;
        }
      },
    });
  } catch (error) {
    if (error !== FOUND) throw error;
  }
  return name;
}
