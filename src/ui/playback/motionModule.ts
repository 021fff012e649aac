// What the first screen draws with framer-motion, in one chunk loaded after first paint
// (motionLoader.ts): until it is here, the packet and the slider are drawn still, as they rest.
export { cancelFrame, easeInOut, frame, motionValue } from 'framer-motion'
export { MotionScope } from './MotionScope'
export { StillPacketMotion, TravellingPacketMotion } from '../journey/PacketMotion'
export { ScrubThumbRailMotion, ScrubVeilMotion } from '../controls/PlayheadSliderMotion'
