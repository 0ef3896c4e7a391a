import { render } from 'preact';

function Options() {
  return <h1>Sealcheck playground</h1>;
}

render(<Options />, document.getElementById('app')!);
