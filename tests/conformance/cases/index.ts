import type { CaseGroup } from '../types.js'
import { body } from './body.js'
import { context } from './context.js'
import { cookies } from './cookies.js'
import { errors } from './errors.js'
import { lifecycle } from './lifecycle.js'
import { middleware } from './middleware.js'
import { mounts } from './mounts.js'
import { platform } from './platform.js'
import { routing } from './routing.js'
import { sse } from './sse.js'
import { staticFiles } from './static.js'
import { streaming } from './streaming.js'
import { websockets } from './websockets.js'

/** Every case group, in the order they are reported. */
export const allGroups: readonly CaseGroup[] = [
  routing,
  mounts,
  middleware,
  errors,
  lifecycle,
  context,
  cookies,
  body,
  streaming,
  sse,
  websockets,
  platform,
  staticFiles,
]
