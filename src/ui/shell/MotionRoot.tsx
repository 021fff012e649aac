import { provideCatalogue } from '../../store'
import { fullCatalogue } from '../../store/fullCatalogue'

/**
 * The root of a page that reads a link as it boots (the embedded widget, src/embed/app.tsx, and
 * the component tests): the animation set-up, with every curated scenario and lesson known before
 * its first render. index.html's main.tsx uses AnimationRoot and loads the catalogue after first
 * paint instead (src/store/catalogue.ts).
 */
provideCatalogue(fullCatalogue)

export { AnimationRoot as MotionRoot } from './AnimationRoot'
