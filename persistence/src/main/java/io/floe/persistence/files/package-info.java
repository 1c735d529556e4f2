/** File-system permissions of Floe's folders and files: only the owner of a network may read what it keeps. */
package io.floe.persistence.files;
