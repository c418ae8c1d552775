/**
 * The attributes that carry who did an event. User ids never become labels: they feed funnels,
 * unique-user sketches and (pseudonymised) exemplars only.
 */
export interface IdentityAttributes {
  /** Signed-in user id attributes, first present wins. */
  readonly user: readonly string[];
  /** Anonymous (device or visitor) id attributes, first present wins. */
  readonly anonymous: readonly string[];
}

/** OTel semantic conventions: `user.id`, the older `enduser.id`; `anonymous.id` for visitors. */
export const defaultIdentityAttributes: IdentityAttributes = {
  user: ['user.id', 'enduser.id'],
  anonymous: ['anonymous.id'],
};

/** The pre-semantic-conventions place of the event name, still sent by older emitters. */
export const eventNameAttribute = 'event.name';
