// The popup's UI, loaded by main.tsx once the engine is starting.
import { render } from 'preact';
import { App } from '../../src/ui/popup/App';

export function mount(): void {
  render(<App />, document.getElementById('app')!);
}
