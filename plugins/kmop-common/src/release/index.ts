export { isReleaseInProgress, currentStep, drivenRollouts } from './inProgress';
export {
  judgeRelease,
  judgeReleases,
  releaseSlo,
  routesOfRollout,
} from './judgement';
export type {
  EntityReleaseJudgement,
  ReleaseJudgement,
  ReleaseLevel,
  ReleaseReason,
  ReleaseSlo,
} from './judgement';
