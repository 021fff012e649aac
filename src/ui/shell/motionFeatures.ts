// LazyMotion's DOM animation features, loaded after first paint (MotionRoot). Until they arrive,
// `m` components render their initial styles: the journey at rest needs no animation.
export { domAnimation as default } from 'framer-motion'
