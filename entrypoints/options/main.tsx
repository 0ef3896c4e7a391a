import { render } from 'preact';
import { App } from '../../src/ui/options/App';
import '../../src/ui/theme.css';

function mount(): void {
  render(<App />, document.getElementById('app')!);
}

mount();
