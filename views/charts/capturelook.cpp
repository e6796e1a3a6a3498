#include "views/charts/capturelook.h"

#include <QCoreApplication>
#include <QLayout>
#include <QWidget>

namespace {
const char CapturingProperty[] = "sockscopeCapturing";
const char LiveOnlyProperty[] = "sockscopeLiveOnly";
}

CaptureLook::CaptureLook(QWidget *root)
    : m_root(root)
    , m_size(root->size())
{
    const QSize minimumBefore = root->minimumSizeHint();
    root->setProperty(CapturingProperty, true);
    const auto controls = root->findChildren<QWidget *>();
    for (QWidget *control : controls) {
        if (control->property(LiveOnlyProperty).toBool() && !control->isHidden()) {
            control->hide();
            m_hidden.append(control);
        }
    }
    notify();
    // Wrapped text and whole legends may need more height than the screen gave: the picture
    // grows by what they added, so the rest of it keeps its room.
    const int grown = qMax(0, root->minimumSizeHint().height() - minimumBefore.height());
    const QSize needed =
        QSize(m_size.width(), m_size.height() + grown).expandedTo(root->minimumSizeHint()).expandedTo(root->minimumSize());
    // A whole window is not resized here: its docks share out the room it was given (--size),
    // and its own layout grows it only when their minimum sizes no longer fit.
    if (needed != m_size && !root->isWindow())
        root->resize(needed);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

CaptureLook::~CaptureLook()
{
    if (!m_root)
        return;
    m_root->setProperty(CapturingProperty, QVariant());
    for (const QPointer<QWidget> &control : std::as_const(m_hidden)) {
        if (control)
            control->show();
    }
    notify();
    m_root->resize(m_size);
    // The root's parent lays it out again where it was.
    if (QWidget *parent = m_root->parentWidget(); parent && parent->layout())
        parent->layout()->invalidate();
}

void CaptureLook::notify()
{
    const auto widgets = m_root->findChildren<QWidget *>();
    QEvent event(changedEvent());
    QCoreApplication::sendEvent(m_root, &event);
    for (QWidget *widget : widgets)
        QCoreApplication::sendEvent(widget, &event);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (m_root->layout())
        m_root->layout()->activate();
}

void CaptureLook::markLiveOnly(QWidget *control)
{
    control->setProperty(LiveOnlyProperty, true);
}

bool CaptureLook::isCapturing(const QWidget *widget)
{
    for (; widget; widget = widget->parentWidget()) {
        if (widget->property(CapturingProperty).toBool())
            return true;
    }
    return false;
}

QEvent::Type CaptureLook::changedEvent()
{
    static const int type = QEvent::registerEventType();
    return QEvent::Type(type);
}
