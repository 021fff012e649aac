import type { ComponentType } from 'react'
import { loadMotion } from './motionLoader'

/**
 * For `lazy()`: a lazily loaded part that draws with framer-motion's `m` (the Network panel's
 * arrows), loaded with the motion chunk and set in its MotionScope, which index.html's root does
 * not have (framer-motion is not in the first paint).
 */
export const withMotionScope =
  <P extends object>(load: () => Promise<{ default: ComponentType<P> }>) =>
  () =>
    Promise.all([load(), loadMotion()]).then(([{ default: Part }, { MotionScope }]) => ({
      default: function InMotionScope(props: P) {
        return (
          <MotionScope>
            <Part {...props} />
          </MotionScope>
        )
      },
    }))
