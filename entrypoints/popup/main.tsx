import { render } from 'preact';
import { App } from '../../src/ui/popup/App';
import '../../src/ui/theme.css';
import '../../src/ui/popup/popup.css';

function mount(): void {
  render(<App />, document.getElementById('app')!);
}

mount();
