import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useStore } from './store'
import { App } from './ui/shell/App'
import { MotionRoot } from './ui/shell/MotionRoot'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element to render Roundtrip into')

// Open the linked scenario before the first paint, so the page never flashes the default one.
useStore.getState().loadScenarioFromHash(window.location.hash)

createRoot(root).render(
  <StrictMode>
    <MotionRoot>
      <App />
    </MotionRoot>
  </StrictMode>,
)

// The transport (msw and its worker) loads after first paint; "Send request" waits for it.
void import('./transport')
  .then((m) => m.startTransport())
  .then((t) => useStore.getState().setTransport(t))
  .catch((error: unknown) =>
    useStore.getState().failTransport(error instanceof Error ? error.message : String(error)),
  )
