/*
 * verify.h -- what staple_check() shares with staple_verify() (internal).
 */
#ifndef STAPLE_VERIFY_H
#define STAPLE_VERIFY_H

#include "staple.h"

/*
 * The times and skews both take are inside +-2^48 ms (about 8900 years
 * either side of 1970): every sum of two stays far inside int64_t.
 */
#define STAPLE_TIME_LIMIT ((int64_t)1 << 48)

/*
 * How bad a certStatus is: revoked, then unknown, then good.  Of several
 * entries the most severe counts, the first of equals, so that no earlier
 * "good" hides a revocation (staple.h: VERIFICATION step 5, THE CHECK).
 */
static inline int staple_status_severity(enum staple_ocsp_status status)
{
	switch (status) {
	case STAPLE_OCSP_STATUS_REVOKED:
		return 2;
	case STAPLE_OCSP_STATUS_UNKNOWN:
		return 1;
	default:
		return 0;
	}
}

#endif
