// LazyMotion's DOM animation features. The app's `m` components get them with the motion chunk
// (playback/MotionScope.tsx); this module is what a test awaits to have them loaded.
export { domAnimation as default } from 'framer-motion'
