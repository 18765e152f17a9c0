import { MapView } from './MapView';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>NEP Explorer</h1>
      </header>
      <MapView />
    </div>
  );
}
