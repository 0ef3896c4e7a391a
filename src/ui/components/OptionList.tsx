// The `<option>`s of a select whose values are their own labels (states, methods, ids).
export interface OptionListProps {
  readonly values: readonly (string | number)[];
}

export function OptionList({ values }: OptionListProps) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={String(v)}>
          {v}
        </option>
      ))}
    </>
  );
}
