#pragma once

#include <QString>

// Where an incident bundle may go: a folder that does not exist yet, or an empty one. A folder
// with anything in it is refused rather than mixed into (an older bundle's files would then
// pass for this one's). Checked by the command line before sampling starts and again by the
// writer before it renames its finished folder into place.
namespace BundleFolder {
// Why `folder` cannot take a bundle, in the current language; empty when it can.
QString refusal(const QString &folder);
}
