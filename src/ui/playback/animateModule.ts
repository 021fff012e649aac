// framer-motion's `animate()` is its whole animation engine (motion-dom's tweens, springs,
// keyframe resolvers and sequences). It is the one import that does: kept in this module so it
// loads after first paint, through `loadAnimate()` (see lazyAnimate.ts).
export { animate } from 'framer-motion'
