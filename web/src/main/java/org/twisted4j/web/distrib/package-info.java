/**
 * Users' own pages, as Twisted's {@code twisted.web.distrib}: {@link org.twisted4j.web.distrib.UserDirectory}
 * serves {@code /~name/} from {@code ~name/public_html}.
 */
package org.twisted4j.web.distrib;
