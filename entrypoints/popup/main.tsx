// The popup starts its engine first (a small chunk), then loads and renders its UI: the
// engine's thread starts while the UI bundle is fetched and evaluated.
import { startEngineEarly } from '../../src/ui/engine-worker';
import '../../src/ui/theme.css';
import '../../src/ui/popup/popup.css';

function start(): void {
  startEngineEarly();
  void import('./mount').then(({ mount }) => mount());
}

start();
