import { render } from 'preact';

function Popup() {
  return <h1>Sealcheck</h1>;
}

render(<Popup />, document.getElementById('app')!);
